using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IamOps.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ManifestChecksum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Policies saved before keep the SHA-256 they were agreed with; new ones take XXH128 (BackupPolicy.Checksum).
            migrationBuilder.AddColumn<string>(
                name: "Checksum",
                table: "BackupPolicy",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Checksum",
                table: "BackupPolicy");
        }
    }
}
