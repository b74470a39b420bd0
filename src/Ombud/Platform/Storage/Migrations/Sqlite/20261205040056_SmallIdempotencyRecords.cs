using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmallIdempotencyRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ResponseBody",
                table: "platform_idempotency",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "platform_idempotency",
                type: "INTEGER",
                nullable: false,
                // Every record before this migration answered 201 Created.
                defaultValue: 201);

            migrationBuilder.CreateIndex(
                name: "IX_platform_idempotency_CreatedAt",
                table: "platform_idempotency",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_platform_idempotency_CreatedAt",
                table: "platform_idempotency");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "platform_idempotency");

            migrationBuilder.AlterColumn<string>(
                name: "ResponseBody",
                table: "platform_idempotency",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
