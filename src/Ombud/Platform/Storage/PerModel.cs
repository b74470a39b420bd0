using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ombud.Platform.Storage;

/// <summary>
/// One <typeparamref name="T"/> per EF model, made the first time a context of that model asks: for what is built
/// once from a model and serves only it, above all compiled queries (a compiled query serves only the model it was first
/// run with, and a process may hold more than one: SQLite's and PostgreSQL's, as the tests do). Let go with the model.
/// </summary>
public sealed class PerModel<T>(Func<OmbudDb, T> make) where T : class
{
    private readonly ConditionalWeakTable<IModel, T> _made = new();

    /// <summary>The <typeparamref name="T"/> of <paramref name="db"/>'s model.</summary>
    public T For(OmbudDb db) => _made.GetValue(db.Model, _ => make(db));
}
