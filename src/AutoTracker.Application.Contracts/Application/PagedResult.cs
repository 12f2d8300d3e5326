using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Application;

/// <summary>
/// One page of a list. <see cref="TotalCount"/> is exact for small result sets and null when counting would
/// cost more than the page itself; <see cref="HasMore"/> is always exact.
/// </summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, bool HasMore, int? TotalCount);

public class PagedRequest
{
    public const int MaxPageSize = 200;

    [Range(0, 1_000_000)]
    public int Skip { get; set; }

    [Range(1, MaxPageSize)]
    public int Take { get; set; } = 50;
}
