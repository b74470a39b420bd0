using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgentConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "marketplace_queue",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorName",
                table: "conversations_messages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "marketplace_queue");

            migrationBuilder.DropColumn(
                name: "AuthorName",
                table: "conversations_messages");
        }
    }
}
