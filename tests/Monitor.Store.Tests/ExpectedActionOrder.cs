using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>
/// The test oracle for history sorting, written independently of the store: the field in the asked direction,
/// nulls last in both directions, strings by code point, ties broken by id in the same direction.
/// </summary>
internal static class ExpectedActionOrder
{
    public static IReadOnlyList<long> Ids(IEnumerable<ActionRecord> records, ActionSortField field, bool descending)
    {
        var list = records.ToList();
        list.Sort((a, b) => Compare(a, b, field, descending));
        return list.Select(r => r.Id).ToList();
    }

    private static int Compare(ActionRecord a, ActionRecord b, ActionSortField field, bool descending)
    {
        var sign = descending ? -1 : 1;
        var ka = Key(a, field);
        var kb = Key(b, field);
        if (ka is null != kb is null)
            return ka is null ? 1 : -1;
        if (ka is not null)
        {
            var byField = ka is string sa ? string.CompareOrdinal(sa, (string)kb!) : ka.CompareTo(kb);
            if (byField != 0) return sign * byField;
        }
        return sign * a.Id.CompareTo(b.Id);
    }

    private static IComparable? Key(ActionRecord r, ActionSortField field) => field switch
    {
        ActionSortField.Id => r.Id,
        ActionSortField.Start => r.Start,
        ActionSortField.End => r.End,
        ActionSortField.User => r.User,
        ActionSortField.Type => r.Type,
        ActionSortField.Server => r.Server,
        ActionSortField.Stack => r.Stack,
        ActionSortField.Target => r.Target,
        ActionSortField.Success => r.Success,
        ActionSortField.Duration => r.End is { } end ? end - r.Start : null,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
