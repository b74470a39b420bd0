using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Fraud.Scoring;

namespace Ombud.Fraud.Storage;

internal sealed class FraudDecisionConfiguration : IEntityTypeConfiguration<FraudDecision>
{
    public void Configure(EntityTypeBuilder<FraudDecision> builder)
    {
        builder.ToTable("fraud_decisions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.OrderId, d.DecidedAt });
        builder.HasIndex(d => d.DecidedAt);
        builder.Property(d => d.ReasonsJson).HasMaxLength(4000);
        builder.Property(d => d.Basis).HasMaxLength(300);
        builder.Ignore(d => d.Reasons);
    }
}
