using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Marketplace.Pay;
using Ombud.Marketplace.Presence;
using Ombud.Marketplace.Quality;

namespace Ombud.Marketplace.Storage;

internal sealed class EarningsEntryConfiguration : IEntityTypeConfiguration<EarningsEntry>
{
    public void Configure(EntityTypeBuilder<EarningsEntry> builder)
    {
        builder.ToTable("marketplace_earnings");
        builder.HasKey(e => e.Id);
        builder.HasOne<Agent>().WithMany().HasForeignKey(e => e.AgentId).OnDelete(DeleteBehavior.Restrict);
        // Paid once, whatever replays: one entry per conversation, per bonus, per agent and day topped up.
        builder.HasIndex(e => e.SourceKey).IsUnique();
        builder.HasIndex(e => new { e.AgentId, e.Day });
        builder.HasIndex(e => e.Day);
        builder.Property(e => e.SourceKey).HasMaxLength(100);
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Note).HasMaxLength(300);
        builder.Ignore(e => e.Total);
    }
}

internal sealed class PresenceChangeConfiguration : IEntityTypeConfiguration<PresenceChange>
{
    public void Configure(EntityTypeBuilder<PresenceChange> builder)
    {
        builder.ToTable("marketplace_presence_log");
        builder.HasKey(p => p.Id);
        builder.HasOne<Agent>().WithMany().HasForeignKey(p => p.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.AgentId, p.At });
        builder.Property(p => p.Status).HasMaxLength(10);
    }
}

internal sealed class CsatAnswerConfiguration : IEntityTypeConfiguration<CsatAnswer>
{
    public void Configure(EntityTypeBuilder<CsatAnswer> builder)
    {
        builder.ToTable("marketplace_csat");
        // One answer per conversation: two racing answers cannot both be stored.
        builder.HasKey(c => c.ConversationId);
        builder.HasOne<Agent>().WithMany().HasForeignKey(c => c.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.AgentId, c.AnsweredAt });
        builder.Property(c => c.Comment).HasMaxLength(CsatAnswer.MaxComment);
    }
}

internal sealed class QaReviewConfiguration : IEntityTypeConfiguration<QaReview>
{
    public void Configure(EntityTypeBuilder<QaReview> builder)
    {
        builder.ToTable("marketplace_qa_reviews");
        builder.HasKey(r => r.ConversationId);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.AgentId);
        builder.HasIndex(r => r.SampledAt);
        builder.Property(r => r.Resolution).HasMaxLength(20);
        builder.Property(r => r.Comment).HasMaxLength(QaReview.MaxComment);
        builder.Property(r => r.ScoredBy).HasMaxLength(100);
        builder.Ignore(r => r.IsScored);
        builder.Ignore(r => r.Total);
    }
}
