using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Lite.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "cancel_requested_at",
                table: "tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancel_requested_by",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "duration_ms",
                table: "tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "not_before",
                table: "tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_json",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_decision",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_reason",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reviewed_at",
                table: "tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_by",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_created_at",
                table: "tasks",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_created_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "cancel_requested_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "cancel_requested_by",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "duration_ms",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "not_before",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "pending_json",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "review_decision",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "review_reason",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "reviewed_by",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "version",
                table: "tasks");
        }
    }
}
