using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Market = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastContactedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastContactedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DisclosedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_disclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_disclosures_commerce_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commerce_difficulty_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: true)
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
