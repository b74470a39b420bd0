namespace Ombud.Platform.Http;

/// <summary>One page of a list; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next, until it is null.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
