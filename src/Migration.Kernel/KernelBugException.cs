namespace Migration.Kernel;

/// <summary>
/// A kernel BUG()/BUG_ON() was hit: the kernel would oops here. Thrown only for those conditions,
/// never for expected failures (which return a negative errno as the kernel does).
/// </summary>
public sealed class KernelBugException : Exception
{
    /// <summary>Creates the exception for the BUG site <paramref name="site"/> (kernel function and condition).</summary>
    public KernelBugException(string site) : base("kernel BUG: " + site) => Site = site;

    /// <summary>Creates the exception with an inner cause.</summary>
    public KernelBugException(string site, Exception inner) : base("kernel BUG: " + site, inner) => Site = site;

    /// <summary>The kernel function and condition that hit BUG().</summary>
    public string Site { get; }
}
