using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Platform.Auth;

namespace Ombud.Marketplace.Storage;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("marketplace_agents");
        builder.HasKey(a => a.Id);
        builder.HasOne<OmbudUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.UserId).IsUnique();
        builder.HasIndex(a => a.Status);
        builder.Property(a => a.DisplayName).HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.FreeCapacity);
    }
}

internal sealed class AgentSkillConfiguration : IEntityTypeConfiguration<AgentSkill>
{
    public void Configure(EntityTypeBuilder<AgentSkill> builder)
    {
        builder.ToTable("marketplace_agent_skills");
        builder.HasKey(s => new { s.AgentId, s.Skill });
        builder.HasOne<Agent>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.CertifiedBy).HasMaxLength(100);
        builder.Ignore(s => s.IsCertified);
    }
}

internal sealed class QueueEntryConfiguration : IEntityTypeConfiguration<QueueEntry>
{
    public void Configure(EntityTypeBuilder<QueueEntry> builder)
    {
        builder.ToTable("marketplace_queue");
        builder.HasKey(e => e.Id);
        // A hand-off gets one place, however often its event is delivered.
        builder.HasIndex(e => e.HandOffId).IsUnique();
        // One shopper, one place while it is open: two racing hand-offs of one shopper cannot both get one.
        builder.HasIndex(e => e.CustomerId, "IX_marketplace_queue_CustomerId_open").IsUnique()
            .HasFilter("\"Status\" IN ('Waiting', 'Offered')");
        builder.HasIndex(e => e.ConversationId);
        builder.HasIndex(e => new { e.Status, e.EnqueuedAt });
        // Flags by name, e.g. "Vulnerable, RegulatoryClock".
        builder.Property(e => e.Urgency).HasMaxLength(100);
        builder.Property(e => e.Language).HasMaxLength(2);
        builder.Property(e => e.Reason).HasMaxLength(40);
        builder.Property(e => e.Resolution).HasMaxLength(20);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.IsOpen);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("marketplace_offers");
        builder.HasKey(o => o.Id);
        builder.HasOne<QueueEntry>().WithMany().HasForeignKey(o => o.QueueEntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(o => o.AgentId).OnDelete(DeleteBehavior.Restrict);
        // Offered one at a time, taken once: whatever two nodes do, a place has at most one pending and one accepted offer.
        builder.HasIndex(o => o.QueueEntryId, "IX_marketplace_offers_QueueEntryId_pending").IsUnique().HasFilter("\"Status\" = 'Pending'");
        builder.HasIndex(o => o.QueueEntryId, "IX_marketplace_offers_QueueEntryId_accepted").IsUnique().HasFilter("\"Status\" = 'Accepted'");
        builder.HasIndex(o => new { o.AgentId, o.Status });
    }
}
