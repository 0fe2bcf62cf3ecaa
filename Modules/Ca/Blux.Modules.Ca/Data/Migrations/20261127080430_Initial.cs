using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Ca.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reflections",
                columns: table => new
                {
                    note_id = table.Column<string>(type: "TEXT", nullable: false),
                    task_id = table.Column<string>(type: "TEXT", nullable: false),
                    identity = table.Column<string>(type: "TEXT", nullable: false),
                    risk = table.Column<string>(type: "TEXT", nullable: false),
                    recommendation = table.Column<string>(type: "TEXT", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reflections", x => x.note_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reflections_task_id",
                table: "reflections",
                column: "task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reflections");
        }
    }
}
