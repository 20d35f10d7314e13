using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IamOps.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangeTargetResourceIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ChangeTarget_ClusterId_Kind_Name",
                table: "ChangeTarget");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeTarget_Kind_Name_ClusterId",
                table: "ChangeTarget",
                columns: new[] { "Kind", "Name", "ClusterId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ChangeTarget_Kind_Name_ClusterId",
                table: "ChangeTarget");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeTarget_ClusterId_Kind_Name",
                table: "ChangeTarget",
                columns: new[] { "ClusterId", "Kind", "Name" });
        }
    }
}
