namespace Migration.Kernel;

/// <summary>
/// A kernel pointer return with ERR_PTR semantics (include/linux/err.h): either an object, NULL,
/// or an encoded negative errno. Lets C# callers keep the kernel's IS_ERR / IS_ERR_OR_NULL / PTR_ERR tests.
/// </summary>
/// <typeparam name="T">The pointed-to kernel object.</typeparam>
public readonly struct ErrPtr<T> where T : class
{
    private readonly T? _value;
    private readonly int _errno;

    private ErrPtr(T? value, int errno)
    {
        _value = value;
        _errno = errno;
    }

    /// <summary>ERR_PTR(err): a pointer that encodes the negative errno <paramref name="negativeErrno"/>.</summary>
    public static ErrPtr<T> Error(int negativeErrno)
    {
        if (negativeErrno >= 0 || negativeErrno < -Errno.MAX_ERRNO)
            throw new ArgumentOutOfRangeException(nameof(negativeErrno), negativeErrno, "ERR_PTR takes a negative errno in [-4095, -1]");
        return new ErrPtr<T>(null, negativeErrno);
    }

    /// <summary>A valid pointer to <paramref name="value"/>, or NULL when it is null.</summary>
    public static ErrPtr<T> Of(T? value) => new(value, 0);

    /// <summary>The NULL pointer.</summary>
    public static ErrPtr<T> Null => default;

    /// <summary>IS_ERR(ptr).</summary>
    public bool IsErr => _errno != 0;

    /// <summary>IS_ERR_OR_NULL(ptr).</summary>
    public bool IsErrOrNull => _errno != 0 || _value is null;

    /// <summary>PTR_ERR(ptr): the negative errno; 0 for a non-error pointer (the kernel would return the address).</summary>
    public int PtrErr => _errno;

    /// <summary>The object; null for NULL and for error pointers.</summary>
    public T? Value => _value;

    /// <summary>Wraps an object reference as a valid (or NULL) pointer.</summary>
    public static implicit operator ErrPtr<T>(T? value) => Of(value);

    /// <inheritdoc />
    public override string ToString() => IsErr ? $"ERR_PTR({Errno.Describe(_errno)})" : _value is null ? "NULL" : _value.ToString() ?? typeof(T).Name;
}
