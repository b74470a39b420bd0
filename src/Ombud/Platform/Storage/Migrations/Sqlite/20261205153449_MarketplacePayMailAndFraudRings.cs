using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MarketplacePayMailAndFraudRings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstReplyAt",
                table: "marketplace_queue",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fraud_rings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FirstFoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CustomerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FraudOrders = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenCases = table.Column<int>(type: "INTEGER", nullable: false),
                    SharedIdentities = table.Column<int>(type: "INTEGER", nullable: false),
                    SharedKinds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MembersJson = table.Column<string>(type: "TEXT", nullable: false),
                    ValueJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_rings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_csat",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    BaseMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ComplexityMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    SurgePerMille = table.Column<int>(type: "INTEGER", nullable: false),
                    SurgeMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    BonusMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    FloorTopUpMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WrappedUpAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SampledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Greeting = table.Column<int>(type: "INTEGER", nullable: true),
                    Understanding = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolutionPoints = table.Column<int>(type: "INTEGER", nullable: true),
                    Tone = table.Column<int>(type: "INTEGER", nullable: true),
                    Compliance = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ScoredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ScoredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "platform_mail",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_mail", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_rings_Key",
                table: "fraud_rings",
                column: "Key",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_platform_mail_CorrelationId",
                table: "platform_mail",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_mail_Status_Id",
                table: "platform_mail",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fraud_rings");

            migrationBuilder.DropTable(
                name: "marketplace_csat");

            migrationBuilder.DropTable(
                name: "marketplace_earnings");

            migrationBuilder.DropTable(
                name: "marketplace_presence_log");

            migrationBuilder.DropTable(
                name: "marketplace_qa_reviews");

            migrationBuilder.DropTable(
                name: "platform_mail");

            migrationBuilder.DropColumn(
                name: "FirstReplyAt",
                table: "marketplace_queue");
        }
    }
}
