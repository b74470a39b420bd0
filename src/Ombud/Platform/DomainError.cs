namespace Ombud.Platform;

/// <summary>An expected failure of a use case. Each kind maps to one HTTP status in <see cref="Http.Problems"/>.</summary>
public abstract record DomainError(string Detail);

/// <summary>The thing asked for does not exist, or the caller may not know that it does.</summary>
public sealed record NotFound(string What, string Id) : DomainError($"No {What} with id '{Id}'.");

/// <summary>The request is well-formed but clashes with the current state (a transition out of order, a reused key).</summary>
public record Conflict(string Message) : DomainError(Message);

/// <summary>
/// The database refused a write because another writer got there first: a unique key (<paramref name="Column"/> names
/// it), a deadlock or a serialization failure. Nothing was saved; the same request may be made again.
/// </summary>
public sealed record WriteConflict(string Message, string? Column) : Conflict(Message);

/// <summary>One or more fields are invalid; keys are the JSON paths of the fields, e.g. <c>lines[0].unitPrice</c>.</summary>
public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : DomainError("One or more fields are invalid.")
{
    public static Invalid Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A field names a record that does not exist (the database's foreign key said so); nothing was saved.</summary>
public sealed record MissingReference(string Field, string What) : DomainError($"No {What} with this {Field}. Create the {What} first.");

/// <summary>One field's content is over a size limit (a file in an upload); the body as a whole was within the request's limit.</summary>
public sealed record TooLarge(string Field, string Message) : DomainError(Message);

/// <summary>The caller is known but may not do this.</summary>
public sealed record Forbidden(string Message) : DomainError(Message);

/// <summary>The caller has used up a quota of this (conversations a day, hand-offs waiting): 429.</summary>
public sealed record TooMany(string Message) : DomainError(Message);

/// <summary>Either the value of a successful use case or the reason it failed.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool Succeeded => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(DomainError error) => new(default, error);
}
