using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Lite.Data.Migrations
{
    /// <inheritdoc />
    internal partial class TaskIdentityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_tasks_identity_created_at",
                table: "tasks",
                columns: new[] { "identity", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_identity_created_at",
                table: "tasks");
        }
    }
}
