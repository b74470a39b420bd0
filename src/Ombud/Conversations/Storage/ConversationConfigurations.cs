using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Commerce;

namespace Ombud.Conversations.Storage;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations_conversations");
        builder.HasKey(c => c.Id);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CustomerId, c.StartedAt });
        builder.Property(c => c.Language).HasMaxLength(2);
        builder.Property(c => c.AgentId).HasMaxLength(ConversationLimits.MaxAuthorId);
        builder.Property(c => c.PendingQuestion).HasMaxLength(4000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsWithPeople);
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("conversations_messages");
        builder.HasKey(m => new { m.ConversationId, m.Sequence });
        builder.Property(m => m.Sequence).ValueGeneratedNever();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // A resend of a client's message finds the first one; two racing resends cannot both be stored.
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
        // The flood limit counts a conversation's recent messages.
        builder.HasIndex(m => new { m.ConversationId, m.At });
        builder.Property(m => m.AuthorId).HasMaxLength(ConversationLimits.MaxAuthorId);
        builder.Property(m => m.AuthorName).HasMaxLength(ConversationLimits.MaxAuthorName);
        builder.Property(m => m.Text).HasMaxLength(ConversationLimits.MaxStoredText);
        builder.Property(m => m.Language).HasMaxLength(2);
        builder.Property(m => m.ClientMessageId).HasMaxLength(ConversationLimits.MaxClientMessageId);
        builder.Property(m => m.Why).HasMaxLength(16_000);
    }
}

internal sealed class HandOffConfiguration : IEntityTypeConfiguration<HandOff>
{
    public void Configure(EntityTypeBuilder<HandOff> builder)
    {
        builder.ToTable("conversations_handoffs");
        builder.HasKey(h => h.Id);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(h => h.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // A conversation may be handed off again after it was handed back; racing hand-offs are settled by the
        // conversation's version, which each one changes.
        builder.HasIndex(h => new { h.ConversationId, h.RequestedAt });
        // The queue: waiting hand-offs by priority, then by age.
        builder.HasIndex(h => new { h.Status, h.Priority, h.RequestedAt });
        builder.Property(h => h.Summary).HasMaxLength(4000);
        builder.Property(h => h.Intent).HasMaxLength(40);
        builder.Property(h => h.SentimentTrend).HasMaxLength(400);
        builder.Property(h => h.SuggestedResolution).HasMaxLength(1000);
        builder.Property(h => h.Language).HasMaxLength(2);
        builder.Property(h => h.AgentId).HasMaxLength(ConversationLimits.MaxAuthorId);
    }
}
