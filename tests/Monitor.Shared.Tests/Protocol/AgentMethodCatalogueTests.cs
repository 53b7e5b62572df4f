using System.Collections;
using System.Reflection;
using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Shared.Tests.Protocol;

/// <summary>Every method descriptor's payloads must be known to the source-generated JSON context (no reflection
/// fallback is configured, so a missing type throws) and survive a round trip unchanged.</summary>
public sealed class AgentMethodCatalogueTests
{
    public static TheoryData<string> MethodNames()
    {
        var data = new TheoryData<string>();
        foreach (var method in AgentMethods.All) data.Add(method.Name);
        return data;
    }

    [Fact]
    public void The_catalogue_lists_every_descriptor_once_with_a_dotted_name()
    {
        Assert.True(AgentMethods.All.Count >= 22, $"only {AgentMethods.All.Count} descriptors found");
        Assert.Equal(AgentMethods.All.Count, AgentMethods.All.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(AgentMethods.All, m => Assert.Matches(@"^[a-z]+(\.[a-z_]+)+\z", m.Name));
        Assert.Same(AgentMethods.ContainerList, AgentMethods.Find("container.list"));
        Assert.Null(AgentMethods.Find("container.nothing"));
    }

    [Fact]
    public void Commands_and_exec_need_the_admin_role_and_lists_only_viewer()
    {
        Assert.Equal(AgentRole.Admin, AgentMethods.CommandRun.Role);
        Assert.Equal(AgentRole.Admin, AgentMethods.ContainerExec.Role);
        Assert.Equal(AgentRole.Operator, AgentMethods.ContainerStop.Role);
        Assert.Equal(AgentRole.Viewer, AgentMethods.ContainerList.Role);
    }

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void Each_payload_round_trips_through_the_generated_context(string name)
    {
        var method = AgentMethods.Find(name)!;
        Assert.NotEmpty(method.PayloadTypes);
        foreach (var type in method.PayloadTypes)
        {
            var typeInfo = ProtocolJson.Options.TypeInfoResolver!.GetTypeInfo(type, ProtocolJson.Options);
            Assert.True(typeInfo is not null, $"{name}: {type.Name} is not in any JSON context; add [JsonSerializable(typeof({type.Name}))]");
            var sample = SampleValues.Create(type);
            var json = JsonSerializer.Serialize(sample, type, ProtocolJson.Options);
            var back = JsonSerializer.Deserialize(json, type, ProtocolJson.Options);
            Assert.Equal(json, JsonSerializer.Serialize(back, type, ProtocolJson.Options));
            Assert.True(json != "{}" || type.GetProperties().Length == 0, $"{name}: {type.Name} serialized as an empty object");
        }
    }

    /// <summary>Builds a value of a payload type with every constructor parameter set (depth-bounded), so a property the
    /// context would drop or mis-name changes the second serialization.</summary>
    private static class SampleValues
    {
        public static object Create(Type type, int depth = 0)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying is not null) return Create(underlying, depth);
            if (type == typeof(string)) return "s" + depth;
            if (type == typeof(bool)) return true;
            if (type == typeof(int)) return 7;
            if (type == typeof(long)) return 7L;
            if (type == typeof(uint)) return 7u;
            if (type == typeof(ulong)) return 7ul;
            if (type == typeof(double)) return 1.5;
            if (type == typeof(float)) return 1.5f;
            if (type == typeof(decimal)) return 1.5m;
            if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 12, 2, 1, 2, 3, TimeSpan.Zero);
            if (type == typeof(DateTime)) return new DateTime(2026, 12, 2, 1, 2, 3, DateTimeKind.Utc);
            if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(3);
            if (type == typeof(Guid)) return Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
            if (type == typeof(byte[])) return new byte[] { 1, 2, 3 };
            if (type == typeof(JsonElement)) return JsonDocument.Parse("{\"k\":1}").RootElement.Clone();
            if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
            if (type.IsArray) return MakeArray(type.GetElementType()!, depth);
            if (type.IsGenericType)
            {
                var args = type.GetGenericArguments();
                var def = type.GetGenericTypeDefinition();
                if (args.Length == 2 && (def == typeof(Dictionary<,>) || def == typeof(IDictionary<,>) || def == typeof(IReadOnlyDictionary<,>)))
                {
                    var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                    if (depth < 4) dict.Add(Create(args[0], depth + 1), Create(args[1], depth + 1));
                    return dict;
                }
                if (args.Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
                {
                    var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
                    if (depth < 4) list.Add(Create(args[0], depth + 1));
                    return list;
                }
            }
            var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
                       ?? throw new InvalidOperationException($"{type.Name} has no public constructor");
            var instance = ctor.Invoke(ctor.GetParameters().Select(p => depth < 4 ? Create(p.ParameterType, depth + 1) : Default(p)).ToArray());
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetValue(instance) is null))
                if (depth < 4) property.SetValue(instance, Create(property.PropertyType, depth + 1));
            return instance;
        }

        private static object? Default(ParameterInfo p) => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null;

        private static Array MakeArray(Type element, int depth)
        {
            var array = Array.CreateInstance(element, 1);
            array.SetValue(Create(element, depth + 1), 0);
            return array;
        }
    }
}
