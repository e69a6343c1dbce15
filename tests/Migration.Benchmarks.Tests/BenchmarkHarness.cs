using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Migration.Benchmarks.Tests;

/// <summary>
/// Runs benchmark methods the way BenchmarkDotNet would, without its timing: create the class, set its [Params] to
/// their smallest values (every value for enum parameters), call [GlobalSetup], the method, [GlobalCleanup].
/// </summary>
internal static class BenchmarkHarness
{
    public static IReadOnlyList<Type> Classes { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static Type Class(string name) => Classes.Single(t => t.Name == name);

    public static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).OrderBy(m => m.Name, StringComparer.Ordinal);

    /// <summary>The parameter sets to smoke-test: the smallest value of each numeric [Params], every value of an enum one.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object>> ParamSets(Type type)
    {
        var sets = new List<Dictionary<string, object>> { new() };
        foreach (PropertyInfo p in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null))
        {
            object?[] values = p.GetCustomAttribute<ParamsAttribute>()!.Values;
            IEnumerable<object> chosen = p.PropertyType.IsEnum
                ? values.Select(v => v!)
                : [values.Select(v => Convert.ChangeType(v, p.PropertyType, System.Globalization.CultureInfo.InvariantCulture)!).Min()!];
            sets = sets.SelectMany(s => chosen.Select(v => new Dictionary<string, object>(s) { [p.Name] = v })).ToList();
        }
        return sets;
    }

    /// <summary>A set-up instance of <paramref name="type"/> with <paramref name="parameters"/>, ready for <paramref name="method"/>.</summary>
    public static object Create(Type type, IReadOnlyDictionary<string, object> parameters, string method)
    {
        object instance = Activator.CreateInstance(type)!;
        foreach ((string name, object value) in parameters)
            type.GetProperty(name)!.SetValue(instance, value);
        foreach (MethodInfo setup in Targeted<GlobalSetupAttribute>(type, method, a => a.Targets))
            setup.Invoke(instance, null);
        return instance;
    }

    /// <summary>One invocation of <paramref name="method"/> with its iteration set-up and clean-up around it.</summary>
    public static object? Invoke(object instance, string method)
    {
        Type type = instance.GetType();
        foreach (MethodInfo m in Targeted<IterationSetupAttribute>(type, method, a => a.Targets))
            m.Invoke(instance, null);
        object? result;
        try
        {
            result = type.GetMethod(method)!.Invoke(instance, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        foreach (MethodInfo m in Targeted<IterationCleanupAttribute>(type, method, a => a.Targets))
            m.Invoke(instance, null);
        return result;
    }

    public static void Cleanup(object instance, string method)
    {
        foreach (MethodInfo m in Targeted<GlobalCleanupAttribute>(instance.GetType(), method, a => a.Targets))
            m.Invoke(instance, null);
    }

    public static string Describe(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"));

    private static IEnumerable<MethodInfo> Targeted<TAttribute>(Type type, string method, Func<TAttribute, string[]?> targets)
        where TAttribute : Attribute =>
        type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is { } a && (targets(a) is not { Length: > 0 } t || t.Contains(method)));
}
