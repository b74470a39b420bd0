using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class PlanAdjustmentConfiguration : IEntityTypeConfiguration<PlanAdjustment>
{
    public void Configure(EntityTypeBuilder<PlanAdjustment> builder)
    {
        builder.ToTable("commerce_plan_adjustments");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.PlanId);
        builder.HasIndex(a => a.CustomerId);
        builder.HasIndex(a => a.Status);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.Note).HasMaxLength(1000);
        builder.Property(a => a.RequestedBy).HasMaxLength(200);
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Ignore(a => a.Fee);
        builder.Ignore(a => a.Relief);
        builder.HasOne<PaymentPlan>().WithMany().HasForeignKey(a => a.PlanId);
    }
}
