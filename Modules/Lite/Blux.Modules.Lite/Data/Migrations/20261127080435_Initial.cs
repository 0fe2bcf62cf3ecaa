using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Lite.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    task_id = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    identity = table.Column<string>(type: "TEXT", nullable: false),
                    identity_audit = table.Column<string>(type: "TEXT", nullable: false),
                    body_hash = table.Column<string>(type: "TEXT", nullable: false),
                    context_json = table.Column<string>(type: "TEXT", nullable: false),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false),
                    requirements_json = table.Column<string>(type: "TEXT", nullable: false),
                    decision_json = table.Column<string>(type: "TEXT", nullable: false),
                    route = table.Column<string>(type: "TEXT", nullable: false),
                    route_json = table.Column<string>(type: "TEXT", nullable: false),
                    reflection_json = table.Column<string>(type: "TEXT", nullable: true),
                    result_json = table.Column<string>(type: "TEXT", nullable: true),
                    error_code = table.Column<string>(type: "TEXT", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    max_execution_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    create_audit_id = table.Column<string>(type: "TEXT", nullable: false),
                    event_ids_json = table.Column<string>(type: "TEXT", nullable: false),
                    audit_trail_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => x.task_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_status_created_at",
                table: "tasks",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_type_created_at",
                table: "tasks",
                columns: new[] { "type", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tasks");
        }
    }
}
