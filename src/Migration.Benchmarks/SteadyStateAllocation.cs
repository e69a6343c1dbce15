using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Migration.Benchmarks;

/// <summary>
/// The managed bytes one benchmark case allocates per call in steady state, by the thread's allocation counter: the case
/// is set up as BenchmarkDotNet would (parameters, [GlobalSetup]), called 20 times to warm its tables, caches and JIT,
/// then 20 times more under the counter. Exact where a short in-process BenchmarkDotNet run reports a few bytes per op
/// that are not the path's (the report's allocation goals read this).
/// </summary>
public static class SteadyStateAllocation
{
    private const int Calls = 20;

    /// <summary>
    /// Bytes allocated by 20 steady-state calls of <paramref name="className"/>.<paramref name="methodName"/> with the
    /// given parameter values (as BenchmarkDotNet prints them: "1048576", "Scattered4K").
    /// </summary>
    public static long BytesIn20Calls(string className, string methodName, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Type type = typeof(Program).Assembly.GetTypes().SingleOrDefault(t => t.Name == className)
            ?? throw new ArgumentException($"no benchmark class {className}", nameof(className));
        MethodInfo method = type.GetMethod(methodName) ?? throw new ArgumentException($"{className} has no method {methodName}", nameof(methodName));
        object instance = Activator.CreateInstance(type)!;
        foreach ((string name, string value) in parameters)
        {
            PropertyInfo property = type.GetProperty(name) ?? throw new ArgumentException($"{className} has no parameter {name}", nameof(parameters));
            property.SetValue(instance, property.PropertyType.IsEnum
                ? Enum.Parse(property.PropertyType, value)
                : Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        }
        foreach (MethodInfo setup in Targeted<GlobalSetupAttribute>(type, methodName, a => a.Targets))
            setup.Invoke(instance, null);
        try
        {
            // A typed delegate, not MethodInfo.Invoke: reflection would box the result on every call.
            Action call = method.ReturnType == typeof(int) ? Discard(method.CreateDelegate<Func<int>>(instance))
                : method.ReturnType == typeof(uint) ? Discard(method.CreateDelegate<Func<uint>>(instance))
                : method.ReturnType == typeof(long) ? Discard(method.CreateDelegate<Func<long>>(instance))
                : throw new ArgumentException($"{className}.{methodName} returns {method.ReturnType.Name}, not int, uint or long", nameof(methodName));
            for (int i = 0; i < Calls; i++)
                call();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
                call();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        finally
        {
            foreach (MethodInfo cleanup in Targeted<GlobalCleanupAttribute>(type, methodName, a => a.Targets))
                cleanup.Invoke(instance, null);
        }
    }

    private static Action Discard<T>(Func<T> call) => () => call();

    private static IEnumerable<MethodInfo> Targeted<TAttribute>(Type type, string method, Func<TAttribute, string[]?> targets)
        where TAttribute : Attribute =>
        type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is { } a && (targets(a) is not { Length: > 0 } t || t.Contains(method)));
}
