using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConversationsModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tables move from the assistant to the Conversations module with their rows; nothing is copied.
            migrationBuilder.RenameTable(name: "assistant_conversations", newName: "conversations_conversations");
            migrationBuilder.RenameTable(name: "assistant_messages", newName: "conversations_messages");
            migrationBuilder.RenameTable(name: "assistant_handoffs", newName: "conversations_handoffs");

            migrationBuilder.Sql("ALTER TABLE \"conversations_conversations\" RENAME CONSTRAINT \"PK_assistant_conversations\" TO \"PK_conversations_conversations\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_messages\" RENAME CONSTRAINT \"PK_assistant_messages\" TO \"PK_conversations_messages\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_handoffs\" RENAME CONSTRAINT \"PK_assistant_handoffs\" TO \"PK_conversations_handoffs\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_conversations\" RENAME CONSTRAINT \"FK_assistant_conversations_commerce_customers_CustomerId\" TO \"FK_conversations_conversations_commerce_customers_CustomerId\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_messages\" RENAME CONSTRAINT \"FK_assistant_messages_assistant_conversations_ConversationId\" TO \"FK_conversations_messages_conversations_conversations_Conversa~\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_handoffs\" RENAME CONSTRAINT \"FK_assistant_handoffs_assistant_conversations_ConversationId\" TO \"FK_conversations_handoffs_conversations_conversations_Conversa~\";");
            migrationBuilder.RenameIndex(name: "IX_assistant_conversations_CustomerId_StartedAt", table: "conversations_conversations", newName: "IX_conversations_conversations_CustomerId_StartedAt");
            migrationBuilder.RenameIndex(name: "IX_assistant_handoffs_Status_Priority_RequestedAt", table: "conversations_handoffs", newName: "IX_conversations_handoffs_Status_Priority_RequestedAt");
            migrationBuilder.RenameIndex(name: "IX_assistant_messages_ConversationId_At", table: "conversations_messages", newName: "IX_conversations_messages_ConversationId_At");
            migrationBuilder.RenameIndex(name: "IX_assistant_messages_ConversationId_ClientMessageId", table: "conversations_messages", newName: "IX_conversations_messages_ConversationId_ClientMessageId");

            // A conversation may be handed off again after it was handed back: one hand-off per conversation no longer.
            migrationBuilder.DropIndex(name: "IX_assistant_handoffs_ConversationId", table: "conversations_handoffs");
            migrationBuilder.CreateIndex(name: "IX_conversations_handoffs_ConversationId_RequestedAt", table: "conversations_handoffs", columns: new[] { "ConversationId", "RequestedAt" });

            migrationBuilder.AddColumn<string>(name: "Holder", table: "conversations_conversations", type: "character varying(40)", maxLength: 40, nullable: false, defaultValue: "Assistant");
            migrationBuilder.AddColumn<string>(name: "AgentId", table: "conversations_conversations", type: "character varying(64)", maxLength: 64, nullable: true);
            migrationBuilder.AddColumn<string>(name: "AuthorId", table: "conversations_messages", type: "character varying(64)", maxLength: 64, nullable: true);
            migrationBuilder.AddColumn<int>(name: "ReplyToSequence", table: "conversations_messages", type: "integer", nullable: true);
            migrationBuilder.AddColumn<string>(name: "AgentId", table: "conversations_handoffs", type: "character varying(64)", maxLength: 64, nullable: true);
            migrationBuilder.AddColumn<DateTime>(name: "ClosedAt", table: "conversations_handoffs", type: "timestamp with time zone", nullable: true);

            // Until now a conversation with a hand-off waited in the queue (no agent could take one yet), and an
            // assistant's reply was the message right after the shopper's it answered (the welcome, 1, answers none).
            migrationBuilder.Sql("UPDATE \"conversations_conversations\" SET \"Holder\" = 'Queue' WHERE \"HandOffId\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"conversations_messages\" SET \"ReplyToSequence\" = \"Sequence\" - 1 WHERE \"Author\" = 'Assistant' AND \"Sequence\" > 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "ClosedAt", table: "conversations_handoffs");
            migrationBuilder.DropColumn(name: "AgentId", table: "conversations_handoffs");
            migrationBuilder.DropColumn(name: "ReplyToSequence", table: "conversations_messages");
            migrationBuilder.DropColumn(name: "AuthorId", table: "conversations_messages");
            migrationBuilder.DropColumn(name: "AgentId", table: "conversations_conversations");
            migrationBuilder.DropColumn(name: "Holder", table: "conversations_conversations");

            migrationBuilder.DropIndex(name: "IX_conversations_handoffs_ConversationId_RequestedAt", table: "conversations_handoffs");
            migrationBuilder.CreateIndex(name: "IX_assistant_handoffs_ConversationId", table: "conversations_handoffs", column: "ConversationId", unique: true);

            migrationBuilder.Sql("ALTER TABLE \"conversations_conversations\" RENAME CONSTRAINT \"PK_conversations_conversations\" TO \"PK_assistant_conversations\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_messages\" RENAME CONSTRAINT \"PK_conversations_messages\" TO \"PK_assistant_messages\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_handoffs\" RENAME CONSTRAINT \"PK_conversations_handoffs\" TO \"PK_assistant_handoffs\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_conversations\" RENAME CONSTRAINT \"FK_conversations_conversations_commerce_customers_CustomerId\" TO \"FK_assistant_conversations_commerce_customers_CustomerId\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_messages\" RENAME CONSTRAINT \"FK_conversations_messages_conversations_conversations_Conversa~\" TO \"FK_assistant_messages_assistant_conversations_ConversationId\";");
            migrationBuilder.Sql("ALTER TABLE \"conversations_handoffs\" RENAME CONSTRAINT \"FK_conversations_handoffs_conversations_conversations_Conversa~\" TO \"FK_assistant_handoffs_assistant_conversations_ConversationId\";");
            migrationBuilder.RenameIndex(name: "IX_conversations_conversations_CustomerId_StartedAt", table: "conversations_conversations", newName: "IX_assistant_conversations_CustomerId_StartedAt");
            migrationBuilder.RenameIndex(name: "IX_conversations_handoffs_Status_Priority_RequestedAt", table: "conversations_handoffs", newName: "IX_assistant_handoffs_Status_Priority_RequestedAt");
            migrationBuilder.RenameIndex(name: "IX_conversations_messages_ConversationId_At", table: "conversations_messages", newName: "IX_assistant_messages_ConversationId_At");
            migrationBuilder.RenameIndex(name: "IX_conversations_messages_ConversationId_ClientMessageId", table: "conversations_messages", newName: "IX_assistant_messages_ConversationId_ClientMessageId");

            migrationBuilder.RenameTable(name: "conversations_handoffs", newName: "assistant_handoffs");
            migrationBuilder.RenameTable(name: "conversations_messages", newName: "assistant_messages");
            migrationBuilder.RenameTable(name: "conversations_conversations", newName: "assistant_conversations");
        }
    }
}
