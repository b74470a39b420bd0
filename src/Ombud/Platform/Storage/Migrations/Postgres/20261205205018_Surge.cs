using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Surge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Offers made before surge existed were made without it: 1000 ‰, paid as usual.
            migrationBuilder.AddColumn<int>(
                name: "SurgePerMille",
                table: "marketplace_offers",
                type: "integer",
                nullable: false,
                defaultValue: 1000);

            migrationBuilder.CreateTable(
                name: "marketplace_surge",
                columns: table => new
                {
                    Market = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PerMille = table.Column<int>(type: "integer", nullable: false),
                    PressurePerMille = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_surge", x => x.Market);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_surge_calls",
                columns: table => new
                {
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    OptedIn = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastCalledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_surge_calls", x => x.AgentId);
                    table.ForeignKey(
                        name: "FK_marketplace_surge_calls_marketplace_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "marketplace_agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_surge");

            migrationBuilder.DropTable(
                name: "marketplace_surge_calls");

            migrationBuilder.DropColumn(
                name: "SurgePerMille",
                table: "marketplace_offers");
        }
    }
}
