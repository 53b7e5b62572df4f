using System.Collections;
using System.Reflection;
using Tomlyn.Syntax;

namespace Monitor.Shared.Config;

/// <summary>
/// Walks Tomlyn's syntax tree against a config model (by reflection, so every partial section is covered) and
/// reports the first unknown key (with the nearest valid key) or value of the wrong type, at file:line:col.
/// Tomlyn's serializer alone ignores unknown keys, which turns a typo into a silently ignored setting.
/// </summary>
internal sealed class TomlSchemaChecker
{
    private readonly string _file;
    private readonly TomlKeyPositions _positions;
    private readonly Dictionary<string, int> _arrayCounts = new(StringComparer.Ordinal);

    private TomlSchemaChecker(string file)
    {
        _file = file;
        _positions = new TomlKeyPositions(file);
    }

    public static TomlKeyPositions Check(DocumentSyntax document, Type rootType, string file)
    {
        var checker = new TomlSchemaChecker(file);
        checker.CheckItems(document.KeyValues, rootType, "");
        foreach (var table in document.Tables)
            checker.CheckTable(table, rootType);
        return checker._positions;
    }

    private void CheckTable(TableSyntaxBase table, Type rootType)
    {
        if (table.Name is null) return;
        var segments = KeySegments(table.Name);
        var type = rootType;
        var path = "";
        for (var i = 0; i < segments.Count; i++)
        {
            var (name, node) = segments[i];
            var property = FindProperty(type, name, node);
            path = Join(path, property.Name);
            var last = i == segments.Count - 1;
            var propertyType = property.Type;
            if (IsDictionary(propertyType)) { _positions.Add(path, Line(node), Column(node)); return; }
            if (ElementType(propertyType) is { } element && !IsScalar(element))
            {
                if (last && table is TableArraySyntax)
                {
                    var index = _arrayCounts.GetValueOrDefault(path);
                    _arrayCounts[path] = index + 1;
                    path = $"{path}[{index}]";
                }
                else
                {
                    path = $"{path}[{Math.Max(_arrayCounts.GetValueOrDefault(path) - 1, 0)}]";
                }
                type = element;
            }
            else if (!IsScalar(propertyType))
            {
                if (last && table is TableArraySyntax)
                    throw Error(node, $"`{name}` is a single table; write [{name}] instead of [[{name}]]");
                type = propertyType;
            }
            else
            {
                throw Error(node, $"`{name}` is a value, not a table; write `{name} = ...` inside its section");
            }
            _positions.Add(path, Line(node), Column(node));
        }
        CheckItems(table.Items, type, path);
    }

    private void CheckItems(IEnumerable<KeyValueSyntax> items, Type type, string path)
    {
        foreach (var item in items)
        {
            if (item.Key is null) continue;
            var segments = KeySegments(item.Key);
            var currentType = type;
            var currentPath = path;
            for (var i = 0; i < segments.Count; i++)
            {
                var (name, node) = segments[i];
                var property = FindProperty(currentType, name, node);
                currentPath = Join(currentPath, property.Name);
                _positions.Add(currentPath, Line(node), Column(node));
                if (i < segments.Count - 1)
                {
                    if (IsDictionary(property.Type)) break;
                    if (IsScalar(property.Type) || ElementType(property.Type) is not null)
                        throw Error(node, $"`{name}` is a value, not a table");
                    currentType = property.Type;
                    continue;
                }
                CheckValue(item.Value, property.Type, name, currentPath);
            }
        }
    }

    private void CheckValue(ValueSyntax? value, Type type, string name, string path)
    {
        if (value is null) return;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        string? expected = null;
        if (target == typeof(string) || target.IsEnum) { if (value is not StringValueSyntax) expected = "text in quotes"; }
        else if (target == typeof(bool)) { if (value is not BooleanValueSyntax) expected = "true or false"; }
        else if (target == typeof(int) || target == typeof(long) || target == typeof(short)) { if (value is not IntegerValueSyntax) expected = "a whole number"; }
        else if (target == typeof(double) || target == typeof(float) || target == typeof(decimal)) { if (value is not (IntegerValueSyntax or FloatValueSyntax)) expected = "a number"; }
        else if (IsDictionary(target)) { if (value is not InlineTableSyntax) expected = "a table { key = \"value\", ... }"; }
        else if (ElementType(target) is { } element)
        {
            if (value is not ArraySyntax array) expected = "a list [ ... ]";
            else
            {
                var i = 0;
                foreach (var item in array.Items)
                    CheckValue(item.Value, element, name, $"{path}[{i++}]");
            }
        }
        else if (!IsScalar(target))
        {
            if (value is not InlineTableSyntax inline) expected = "a table { ... }";
            else CheckItems(inline.Items.Select(x => x.KeyValue).OfType<KeyValueSyntax>(), target, path);
        }
        if (expected is not null)
            throw new ConfigException(_file, Line(value), Column(value), $"`{name}` expects {expected}, found {Describe(value)}");
    }

    private (string Name, Type Type) FindProperty(Type type, string key, SyntaxNode node)
    {
        var known = KnownKeys(type);
        if (known.TryGetValue(key, out var property)) return (property.Name, property.PropertyType);
        var suggestion = NearestKey.Find(key, known.Keys);
        var hint = suggestion is not null
            ? $"did you mean `{suggestion}`?"
            : $"valid keys here: {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}";
        throw Error(node, $"unknown key `{key}`; {hint}");
    }

    private static Dictionary<string, PropertyInfo> KnownKeys(Type type)
    {
        var keys = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanWrite && ElementType(p.PropertyType) is null && !IsDictionary(p.PropertyType)) continue;
            keys[TomlKebabOrSnake.Policy.ConvertName(p.Name)] = p;
        }
        return keys;
    }

    private static List<(string Name, SyntaxNode Node)> KeySegments(KeySyntax key)
    {
        var segments = new List<(string, SyntaxNode)>();
        if (key.Key is { } first) segments.Add((KeyText(first), first));
        foreach (var dotted in key.DotKeys)
            if (dotted.Key is { } part) segments.Add((KeyText(part), part));
        return segments;
    }

    private static string KeyText(BareKeyOrStringValueSyntax node) => node switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax text => text.Value ?? "",
        _ => node.ToString()?.Trim() ?? "",
    };

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Uri);
    }

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || IsDictionary(type)) return null;
        if (type.IsArray) return type.GetElementType();
        if (!typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType) return null;
        return type.GetGenericArguments()[0];
    }

    private static string Describe(ValueSyntax value) => value switch
    {
        StringValueSyntax => "text",
        IntegerValueSyntax => "a whole number",
        FloatValueSyntax => "a decimal number",
        BooleanValueSyntax => "true/false",
        ArraySyntax => "a list",
        InlineTableSyntax => "a table",
        DateTimeValueSyntax => "a date",
        _ => value.GetType().Name,
    };

    private static string Join(string path, string property)
    {
        var key = TomlKebabOrSnake.Policy.ConvertName(property);
        return path.Length == 0 ? key : $"{path}.{key}";
    }

    private static int Line(SyntaxNode node) => node.Span.Start.Line + 1;
    private static int Column(SyntaxNode node) => node.Span.Start.Column + 1;

    private ConfigException Error(SyntaxNode node, string problem) => new(_file, Line(node), Column(node), problem);
}
