using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class PaymentPlanConfiguration : IEntityTypeConfiguration<PaymentPlan>
{
    public void Configure(EntityTypeBuilder<PaymentPlan> builder)
    {
        builder.ToTable("commerce_payment_plans");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.CustomerId);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Ignore(p => p.Principal);
        builder.Ignore(p => p.ScheduledTotal);
        builder.Ignore(p => p.Outstanding);
        builder.Ignore(p => p.Paid);
        builder.Ignore(p => p.IsSettled);
        builder.Ignore(p => p.InterestMinor);
        builder.Ignore(p => p.Held);
        builder.Ignore(p => p.NextDue);
        builder.Ignore(p => p.UnpaidLateFees);
        builder.Ignore(p => p.UnpaidAmount);
        builder.Ignore(p => p.InCollection);
        builder.OwnsMany(p => p.Instalments, instalments =>
        {
            instalments.ToTable("commerce_instalments");
            instalments.WithOwner().HasForeignKey("PlanId");
            instalments.HasKey("PlanId", nameof(Instalment.Sequence));
            instalments.HasIndex(i => i.DueDate);
            instalments.Ignore(i => i.RemainingMinor);
            instalments.Ignore(i => i.CollectibleMinor);
            instalments.Ignore(i => i.IsHeld);
            instalments.Ignore(i => i.UnpaidAmountMinor);
        });
        builder.Navigation(p => p.Instalments).HasField("_instalments");
    }
}
