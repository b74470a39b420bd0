namespace Ombud.Platform.Storage;

/// <summary>
/// What the units of work of one claim of queued work (<see cref="WorkPass{T}"/>) may share. Items that commit alone get a
/// unit of work, and so a scope, each; facts that do not change within a pass (an agent's certified skills) then need not
/// be read again for each of them. Outside a pass (a request) it lives as long as its scope. One value per type.
/// </summary>
/// <remarks>Only for facts that stay true for the seconds a pass lasts: rows a unit of work decides on are read in it.</remarks>
public sealed class PassShared
{
    private Dictionary<Type, object> _values = [];

    /// <summary>The pass's value of this type, made empty at its first use.</summary>
    public T Get<T>()
        where T : class, new()
    {
        lock (_values)
        {
            if (!_values.TryGetValue(typeof(T), out var value))
            {
                _values[typeof(T)] = value = new T();
            }

            return (T)value;
        }
    }

    /// <summary>Makes this scope's values those of the claim it works for.</summary>
    internal void ShareWith(PassShared claim) => _values = claim._values;
}
