using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IamOps.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RestoreRelease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstanceDirectory",
                table: "RestoreRun",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReleasedAt",
                table: "RestoreRun",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReleasedBy",
                table: "RestoreRun",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestoredDatabase",
                table: "RestoreRun",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InstanceDirectory",
                table: "RestoreRun");

            migrationBuilder.DropColumn(
                name: "ReleasedAt",
                table: "RestoreRun");

            migrationBuilder.DropColumn(
                name: "ReleasedBy",
                table: "RestoreRun");

            migrationBuilder.DropColumn(
                name: "RestoredDatabase",
                table: "RestoreRun");
        }
    }
}
