using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Commerce;

namespace Ombud.Disputes.Storage;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.ToTable("disputes_disputes");
        builder.HasKey(d => d.Id);
        builder.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        // One open dispute per order, kept by the database so two racing reports cannot both hold the plan.
        // Double-quoted identifiers read the same on SQLite and PostgreSQL.
        builder.HasIndex(d => d.OrderId).IsUnique().HasFilter("\"State\" <> 'Closed'").HasDatabaseName("IX_disputes_disputes_OrderId_open");
        builder.HasIndex(d => new { d.CustomerId, d.ReportedAt });
        builder.HasIndex(d => new { d.MerchantId, d.State });
        // What the timers will look for: reports whose store period ended, merchants whose deadline passed.
        builder.HasIndex(d => new { d.State, d.StoreResolutionDeadline });
        builder.HasIndex(d => new { d.State, d.MerchantDeadline });
        builder.HasIndex(d => new { d.State, d.AppealDeadline });
        // The regulatory watch: open disputes by final-response deadline, and the flags the dashboards list.
        builder.HasIndex(d => d.FinalResponseBy).HasFilter("\"State\" <> 'Closed'").HasDatabaseName("IX_disputes_disputes_FinalResponseBy_open");
        builder.HasIndex(d => d.PriorityReviewSince).HasFilter("\"PriorityReviewSince\" IS NOT NULL");
        builder.HasIndex(d => d.RegulatoryDeadlineMissedAt).HasFilter("\"RegulatoryDeadlineMissedAt\" IS NOT NULL");
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Market).HasMaxLength(8);
        builder.Property(d => d.RegulatoryPolicy).HasMaxLength(20);
        builder.Property(d => d.ReturnCarrier).HasMaxLength(50);
        builder.Property(d => d.ReturnTrackingNumber).HasMaxLength(100);
        builder.Property(d => d.EvidenceText).HasMaxLength(4000);
        builder.Property(d => d.EvidenceCarrier).HasMaxLength(50);
        builder.Property(d => d.EvidenceTrackingNumber).HasMaxLength(100);
        builder.Property(d => d.Explanation).HasMaxLength(4000);
        builder.Ignore(d => d.Disputed);
        builder.Ignore(d => d.IsSummaryResolution);
        builder.Ignore(d => d.IsOpen);
        builder.Ignore(d => d.AllowedMoves);
        builder.OwnsMany(d => d.Transitions, transitions =>
        {
            transitions.ToTable("disputes_transitions");
            transitions.WithOwner().HasForeignKey("DisputeId");
            transitions.HasKey("DisputeId", nameof(DisputeTransition.Number));
            transitions.Property(t => t.Number).ValueGeneratedNever();
            transitions.Property(t => t.Actor).HasMaxLength(100);
            transitions.Property(t => t.Note).HasMaxLength(4000);
        });
        builder.Navigation(d => d.Transitions).HasField("_transitions");
    }
}
