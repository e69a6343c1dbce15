namespace Migration.Kernel;

/// <summary>BUG() and BUG_ON() (include/asm-generic/bug.h): abort the operation with <see cref="KernelBugException"/>.</summary>
public static class Bug
{
    /// <summary>BUG(): unconditionally aborts; <paramref name="site"/> names the kernel function and reason.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Here(string site) => throw new KernelBugException(site);

    /// <summary>BUG_ON(condition).</summary>
    public static void On([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(true)] bool condition, string site)
    {
        if (condition)
            throw new KernelBugException(site);
    }
}
