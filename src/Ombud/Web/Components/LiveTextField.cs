using MudBlazor;

namespace Ombud.Web.Components;

/// <summary>
/// The text field every form uses: its value follows each keystroke (<see cref="MudBaseInput{T}.Immediate"/> on by
/// default). Bound on change instead, a button that reads the field at once can reach the server before the field's
/// change does and act on the old text (it did: a rule snooze summarised "customer (none given)" after the id was typed).
/// A field may still set <c>Immediate="false"</c> where each keystroke must not cost a round trip.
/// </summary>
public class LiveTextField<T> : MudTextField<T>
{
#pragma warning disable BL0005 // a default for an inherited parameter, set in the constructor before Blazor sets any
    public LiveTextField() => Immediate = true;
#pragma warning restore BL0005
}
