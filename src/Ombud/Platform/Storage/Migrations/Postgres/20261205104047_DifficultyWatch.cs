using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DifficultyWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commerce_difficulty_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Market = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastContactedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastContactedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Contacts = table.Column<int>(type: "integer", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_cases_commerce_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commerce_difficulty_disclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DisclosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_disclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_disclosures_commerce_customers_Customer~",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commerce_difficulty_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_notices_commerce_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_cases_CustomerId",
                table: "commerce_difficulty_cases",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_cases_Status",
                table: "commerce_difficulty_cases",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_disclosures_CustomerId_DisclosedAt",
                table: "commerce_difficulty_disclosures",
                columns: new[] { "CustomerId", "DisclosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_notices_CustomerId",
                table: "commerce_difficulty_notices",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_notices_PlanId_Kind",
                table: "commerce_difficulty_notices",
                columns: new[] { "PlanId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_difficulty_cases");

            migrationBuilder.DropTable(
                name: "commerce_difficulty_disclosures");

            migrationBuilder.DropTable(
                name: "commerce_difficulty_notices");
        }
    }
}
