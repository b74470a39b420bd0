using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Platform.Mail;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.ToTable("platform_mail");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.To).HasMaxLength(OutgoingMail.MaxAddressLength);
        builder.Property(m => m.Subject).HasMaxLength(OutgoingMail.MaxSubjectLength);
        builder.Property(m => m.Kind).HasMaxLength(OutgoingMail.MaxKindLength);
        builder.Property(m => m.CorrelationId).HasMaxLength(OutgoingMail.MaxCorrelationLength);
        builder.Property(m => m.LastError).HasMaxLength(OutgoingMail.MaxErrorLength);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        // The admin page's filter by status, newest first.
        builder.HasIndex(m => new { m.Status, m.Id });
        // One event, one e-mail: a subscriber asks whether its correlation was already queued.
        builder.HasIndex(m => m.CorrelationId);
    }
}
