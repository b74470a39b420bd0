using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Fraud.Cases;

namespace Ombud.Fraud.Storage;

internal sealed class FraudCaseConfiguration : IEntityTypeConfiguration<FraudCase>
{
    public void Configure(EntityTypeBuilder<FraudCase> builder)
    {
        builder.ToTable("fraud_cases");
        builder.HasKey(c => c.Id);
        // One case per report, per review decision: the database says so when two deliveries race.
        builder.HasIndex(c => c.SourceKey).IsUnique();
        builder.HasIndex(c => new { c.State, c.OpenedAt });
        builder.HasIndex(c => c.AssigneeId);
        builder.HasIndex(c => c.OrderId);
        builder.Property(c => c.SourceKey).HasMaxLength(80);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Summary).HasMaxLength(2000);
        builder.Property(c => c.AssigneeId).HasMaxLength(450);
        builder.Property(c => c.AssigneeName).HasMaxLength(200);
        builder.Property(c => c.OpenedBy).HasMaxLength(200);
        builder.Property(c => c.DecidedBy).HasMaxLength(200);
        builder.Property(c => c.DecisionNote).HasMaxLength(4000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.AtStake);
        builder.Ignore(c => c.RecoveryOpenMinor);
        builder.Ignore(c => c.IsDecided);
    }
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> builder)
    {
        builder.ToTable("fraud_case_entries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.CaseId, e.At });
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(e => e.CaseId);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.Property(e => e.Link).HasMaxLength(2000);
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.FileContentType).HasMaxLength(100);
        builder.Property(e => e.FileSha256).HasMaxLength(64);
    }
}
