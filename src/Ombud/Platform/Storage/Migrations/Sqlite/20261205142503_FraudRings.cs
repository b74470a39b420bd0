using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FraudRings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_fraud_rings_Key",
                table: "fraud_rings",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fraud_rings");
        }
    }
}
