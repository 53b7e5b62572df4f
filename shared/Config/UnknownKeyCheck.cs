using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Monitor.Shared.Config;

/// <summary>Tomlyn ignores keys the model does not have; an operator's typo (`adress = ...`) must not be silently
/// dropped. Walks the syntax tree against the model's snake_case properties and reports the first unknown key with
/// its position and the nearest valid key.</summary>
internal static class UnknownKeyCheck
{
    public static void Run([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type model, string text, string sourceName)
    {
        var document = SyntaxParser.Parse(text, sourceName, false);
        foreach (var kv in document.KeyValues) CheckKeyValue(model, kv, sourceName);
        foreach (var table in document.Tables)
        {
            var type = model;
            var segments = KeySegments(table.Name);
            foreach (var segment in segments)
            {
                type = Resolve(type, segment.Name, segment.Node, sourceName);
                if (type is null) break;
            }
            if (type is null) continue;
            foreach (var item in table.Items) CheckKeyValue(type, item, sourceName);
        }
    }

    private static void CheckKeyValue(Type owner, KeyValueSyntax kv, string sourceName)
    {
        var type = owner;
        foreach (var segment in KeySegments(kv.Key))
        {
            type = Resolve(type, segment.Name, segment.Node, sourceName);
            if (type is null) return;
        }
        if (kv.Value is InlineTableSyntax inline)
            foreach (var item in inline.Items) if (item.KeyValue is { } inner) CheckKeyValue(type, inner, sourceName);
        if (kv.Value is ArraySyntax array)
            foreach (var item in array.Items)
                if (item.Value is InlineTableSyntax element)
                    foreach (var kv2 in element.Items) if (kv2.KeyValue is { } inner2) CheckKeyValue(type, inner2, sourceName);
    }

    /// <summary>The type a key leads to, or null when anything goes below it (dictionaries, scalars).</summary>
    // The root model's properties are kept by the annotation above; a nested table's type (reached through a property)
    // is not annotated. The NativeAOT agent's AgentConfig has no nested tables; a NativeAOT console would need its
    // nested config types kept (e.g. DynamicDependency) before relying on this check.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "see above: only the root model is reached in the NativeAOT agent")]
    private static Type? Resolve(Type owner, string key, SyntaxNode node, string sourceName)
    {
        owner = ElementType(owner);
        if (IsFreeForm(owner)) return null;
        var properties = owner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => TomlKebabOrSnake.Policy.ConvertName(p.Name), p => p.PropertyType, StringComparer.OrdinalIgnoreCase);
        if (properties.TryGetValue(key, out var type)) return ElementType(type);
        var nearest = properties.Keys.OrderBy(k => Distance(k, key)).FirstOrDefault();
        var hint = nearest is not null && Distance(nearest, key) <= Math.Max(2, key.Length / 3) ? $"; did you mean `{nearest}`?" : "";
        var valid = string.Join(", ", properties.Keys.Order(StringComparer.Ordinal));
        throw new ConfigException(sourceName, node.Span.Start.Line + 1, node.Span.Start.Column + 1,
            $"unknown key `{key}`{hint} (valid here: {valid})");
    }

    private static Type ElementType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return type.GetGenericArguments()[0];
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static bool IsFreeForm(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || typeof(IDictionary).IsAssignableFrom(type) || type == typeof(object)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>));

    private static IEnumerable<(string Name, SyntaxNode Node)> KeySegments(KeySyntax? key)
    {
        if (key is null) yield break;
        if (key.Key is { } first) yield return (KeyText(first), first);
        foreach (var dotted in key.DotKeys)
            if (dotted.Key is { } k) yield return (KeyText(k), k);
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax s => s.Value ?? "",
        _ => key.ToString().Trim(),
    };

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
