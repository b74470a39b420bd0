using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MarketplacePay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_csat",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_csat", x => x.ConversationId);
                    table.ForeignKey(
                        name: "FK_marketplace_csat_marketplace_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "marketplace_agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_earnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BaseMinor = table.Column<long>(type: "bigint", nullable: false),
                    ComplexityMinor = table.Column<long>(type: "bigint", nullable: false),
                    SurgePerMille = table.Column<int>(type: "integer", nullable: false),
                    SurgeMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusMinor = table.Column<long>(type: "bigint", nullable: false),
                    FloorTopUpMinor = table.Column<long>(type: "bigint", nullable: false),
                    TotalMinor = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_earnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_marketplace_earnings_marketplace_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "marketplace_agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_presence_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_presence_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_marketplace_presence_log_marketplace_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "marketplace_agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_qa_reviews",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Resolution = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WrappedUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SampledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Greeting = table.Column<int>(type: "integer", nullable: true),
                    Understanding = table.Column<int>(type: "integer", nullable: true),
                    ResolutionPoints = table.Column<int>(type: "integer", nullable: true),
                    Tone = table.Column<int>(type: "integer", nullable: true),
                    Compliance = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ScoredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ScoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_qa_reviews", x => x.ConversationId);
                    table.ForeignKey(
                        name: "FK_marketplace_qa_reviews_marketplace_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "marketplace_agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_csat_AgentId_AnsweredAt",
                table: "marketplace_csat",
                columns: new[] { "AgentId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_earnings_AgentId_Day",
                table: "marketplace_earnings",
                columns: new[] { "AgentId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_earnings_Day",
                table: "marketplace_earnings",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_earnings_SourceKey",
                table: "marketplace_earnings",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_presence_log_AgentId_At",
                table: "marketplace_presence_log",
                columns: new[] { "AgentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_qa_reviews_AgentId",
                table: "marketplace_qa_reviews",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_qa_reviews_SampledAt",
                table: "marketplace_qa_reviews",
                column: "SampledAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_csat");

            migrationBuilder.DropTable(
                name: "marketplace_earnings");

            migrationBuilder.DropTable(
                name: "marketplace_presence_log");

            migrationBuilder.DropTable(
                name: "marketplace_qa_reviews");
        }
    }
}
