using System.Linq.Expressions;

namespace Blux.SharedKernel.Api;

/// <summary>
/// Optional filters of a list endpoint: a parameter that was given narrows the query, one left out
/// (null, as <see cref="QueryValue"/> reads it) leaves it as it is. The value reaches the store as a
/// bound parameter, never as text of the statement.
/// </summary>
public static class QueryFilters
{
    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Func<TValue, Expression<Func<T, bool>>> filter)
        where TValue : class =>
        value is null ? query : query.Where(filter(value));

    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Func<TValue, Expression<Func<T, bool>>> filter)
        where TValue : struct =>
        value is { } given ? query.Where(filter(given)) : query;
}
