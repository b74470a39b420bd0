using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fraud_rings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FirstFoundAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FoundAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CustomerCount = table.Column<int>(type: "integer", nullable: false),
                    OrderCount = table.Column<int>(type: "integer", nullable: false),
                    FraudOrders = table.Column<int>(type: "integer", nullable: false),
                    OpenCases = table.Column<int>(type: "integer", nullable: false),
                    SharedIdentities = table.Column<int>(type: "integer", nullable: false),
                    SharedKinds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MembersJson = table.Column<string>(type: "text", nullable: false),
                    ValueJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_rings", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "platform_mail",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    To = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
