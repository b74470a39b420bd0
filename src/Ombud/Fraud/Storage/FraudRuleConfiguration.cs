using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Fraud.Rules;

namespace Ombud.Fraud.Storage;

internal sealed class FraudRuleConfiguration : IEntityTypeConfiguration<FraudRule>
{
    public void Configure(EntityTypeBuilder<FraudRule> builder)
    {
        builder.ToTable("fraud_rules");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.RuleId, r.Version }).IsUnique();
        builder.HasIndex(r => r.Status);
        builder.Property(r => r.Name).HasMaxLength(FraudRule.MaxNameLength);
        builder.Property(r => r.Expression).HasMaxLength(RuleLanguage.MaxLength);
        builder.Property(r => r.Reason).HasMaxLength(FraudRule.MaxReasonLength);
        builder.Property(r => r.DecisionNote).HasMaxLength(FraudRule.MaxReasonLength);
        builder.Property(r => r.DraftedBy).HasMaxLength(200);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.DisabledBy).HasMaxLength(200);
    }
}

internal sealed class FraudRuleSnoozeConfiguration : IEntityTypeConfiguration<FraudRuleSnooze>
{
    public void Configure(EntityTypeBuilder<FraudRuleSnooze> builder)
    {
        builder.ToTable("fraud_rule_snoozes");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.Subject, s.Key, s.Until });
        builder.Property(s => s.Key).HasMaxLength(FraudRuleSnooze.MaxKeyLength);
        builder.Property(s => s.Reason).HasMaxLength(FraudRule.MaxReasonLength);
        builder.Property(s => s.By).HasMaxLength(200);
    }
}
