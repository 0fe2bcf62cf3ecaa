using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Reg.Data.Migrations
{
    /// <inheritdoc />
    internal partial class KeyLifecycleAndRequestKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "revocation_reason",
                table: "signing_keys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "request_signing_keys",
                columns: table => new
                {
                    identity_id = table.Column<string>(type: "TEXT", nullable: false),
                    kid = table.Column<string>(type: "TEXT", nullable: false),
                    x = table.Column<string>(type: "TEXT", nullable: false),
                    y = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_signing_keys", x => new { x.identity_id, x.kid });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_signing_keys");

            migrationBuilder.DropColumn(
                name: "revocation_reason",
                table: "signing_keys");
        }
    }
}
