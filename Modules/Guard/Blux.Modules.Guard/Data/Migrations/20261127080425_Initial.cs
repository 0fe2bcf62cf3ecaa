using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Guard.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    checkpoint_id = table.Column<string>(type: "TEXT", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    head_hash = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<string>(type: "TEXT", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", nullable: false),
                    signature = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.checkpoint_id);
                });

            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    audit_id = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<string>(type: "TEXT", nullable: false),
                    service = table.Column<string>(type: "TEXT", nullable: false),
                    operation = table.Column<string>(type: "TEXT", nullable: false),
                    identity = table.Column<string>(type: "TEXT", nullable: false),
                    input_hash = table.Column<string>(type: "TEXT", nullable: true),
                    output_hash = table.Column<string>(type: "TEXT", nullable: true),
                    doctrine_flags_applied = table.Column<string>(type: "TEXT", nullable: false),
                    related_events = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    prev_hash = table.Column<string>(type: "TEXT", nullable: false),
                    record_hash = table.Column<string>(type: "TEXT", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", nullable: false),
                    signature = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_records", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "doctrines",
                columns: table => new
                {
                    doctrine_version = table.Column<long>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    digest = table.Column<string>(type: "TEXT", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    applied_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_doctrines", x => x.doctrine_version);
                });

            migrationBuilder.CreateTable(
                name: "event_log",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<string>(type: "TEXT", nullable: false),
                    task_id = table.Column<string>(type: "TEXT", nullable: true),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    audit_id = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<string>(type: "TEXT", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_log", x => x.seq);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_checkpoints_seq",
                table: "audit_checkpoints",
                column: "seq");

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_audit_id",
                table: "audit_records",
                column: "audit_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_identity_seq",
                table: "audit_records",
                columns: new[] { "identity", "seq" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_operation_seq",
                table: "audit_records",
                columns: new[] { "operation", "seq" });

            migrationBuilder.CreateIndex(
                name: "IX_event_log_event_id",
                table: "event_log",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_event_log_task_id_seq",
                table: "event_log",
                columns: new[] { "task_id", "seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "doctrines");

            migrationBuilder.DropTable(
                name: "event_log");
        }
    }
}
