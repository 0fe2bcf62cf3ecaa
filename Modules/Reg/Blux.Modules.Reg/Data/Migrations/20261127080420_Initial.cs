using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blux.Modules.Reg.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "host_secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    encrypted_value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_host_secrets", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "identities",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", nullable: false),
                    roles = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    secret_salt = table.Column<byte[]>(type: "BLOB", nullable: false),
                    secret_hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "TEXT", nullable: false),
                    key_type = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    public_x = table.Column<string>(type: "TEXT", nullable: false),
                    public_y = table.Column<string>(type: "TEXT", nullable: false),
                    encrypted_private_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    valid_after = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    rotation_reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signing_keys", x => x.key_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_signing_keys_key_type_status",
                table: "signing_keys",
                columns: new[] { "key_type", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "host_secrets");

            migrationBuilder.DropTable(
                name: "identities");

            migrationBuilder.DropTable(
                name: "signing_keys");
        }
    }
}
