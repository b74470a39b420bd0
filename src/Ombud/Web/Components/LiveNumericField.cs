using MudBlazor;

namespace Ombud.Web.Components;

/// <summary>The number field every form uses: like <see cref="LiveTextField{T}"/>, its value follows each keystroke.</summary>
public class LiveNumericField<T> : MudNumericField<T>
{
#pragma warning disable BL0005 // a default for an inherited parameter, set in the constructor before Blazor sets any
    public LiveNumericField() => Immediate = true;
#pragma warning restore BL0005
}
