using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Migration.Kernel;

/// <summary>BUG() and BUG_ON() (include/asm-generic/bug.h): abort the operation with <see cref="KernelBugException"/>.</summary>
public static class Bug
{
    /// <summary>BUG(): unconditionally aborts; <paramref name="site"/> names the kernel function and reason.</summary>
    [DoesNotReturn]
    public static void Here(string site) => throw new KernelBugException(site);

    /// <summary>BUG_ON(condition).</summary>
    public static void On([DoesNotReturnIf(true)] bool condition, string site)
    {
        if (condition)
            throw new KernelBugException(site);
    }

    /// <summary>
    /// BUG_ON(condition) with an interpolated site: the message (and the values in it) is only formatted when
    /// the condition holds, so a check on a hot map/unmap path costs no allocation when it passes.
    /// </summary>
    public static void On([DoesNotReturnIf(true)] bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref BugSiteHandler site)
    {
        if (condition)
            throw new KernelBugException(site.ToStringAndClear());
    }
}
