using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventsAndTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_platform_outbox_ProcessedAt_OccurredAt",
                table: "platform_outbox");

            migrationBuilder.DropColumn(
                name: "ProcessedAt",
                table: "platform_outbox");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "platform_outbox",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "platform_event_deliveries",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subscriber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EventType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Lease = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_event_deliveries", x => new { x.EventId, x.Subscriber });
                    table.ForeignKey(
                        name: "FK_platform_event_deliveries_platform_outbox_EventId",
                        column: x => x.EventId,
                        principalTable: "platform_outbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_event_probe",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subscriber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_event_probe", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_timers",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FireAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Lease = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_timers", x => new { x.Kind, x.EntityId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_event_deliveries_Status_DueAt",
                table: "platform_event_deliveries",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_event_deliveries_Subscriber_Status",
                table: "platform_event_deliveries",
                columns: new[] { "Subscriber", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_event_probe_Subscriber_EventId",
                table: "platform_event_probe",
                columns: new[] { "Subscriber", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_timers_Status_DueAt",
                table: "platform_timers",
                columns: new[] { "Status", "DueAt" });

            // Dispute clocks move onto durable timers: every open dispute gets a timer due now that sets its clocks
            // from the same rules as a new dispute's (DisputeClocks).
            migrationBuilder.Sql("""
                  INSERT INTO platform_timers ("Kind", "EntityId", "FireAt", "Status", "DueAt", "Lease", "Attempts", "CreatedAt")
                  SELECT 'disputes.plan-clocks', "Id"::text, now(), 'Pending', now(), 1, 0, now() FROM disputes_disputes WHERE "State" <> 'Closed';
                  """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_event_deliveries");

            migrationBuilder.DropTable(
                name: "platform_event_probe");

            migrationBuilder.DropTable(
                name: "platform_timers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "platform_outbox");

            migrationBuilder.AddColumn<DateTime>(
                name: "ProcessedAt",
                table: "platform_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_ProcessedAt_OccurredAt",
                table: "platform_outbox",
                columns: new[] { "ProcessedAt", "OccurredAt" });
        }
    }
}
