using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>ERR_PTR / IS_ERR / IS_ERR_OR_NULL / PTR_ERR semantics of <see cref="ErrPtr{T}"/>.</summary>
public class ErrPtrTests
{
    private sealed class Obj
    {
        public override string ToString() => "obj";
    }

    [Fact]
    public void Error_EncodesNegativeErrno()
    {
        ErrPtr<Obj> p = ErrPtr<Obj>.Error(-Errno.EINVAL);
        Assert.True(p.IsErr);
        Assert.True(p.IsErrOrNull);
        Assert.Equal(-22, p.PtrErr);
        Assert.Null(p.Value);
    }

    [Fact]
    public void Error_AcceptsMinusMaxErrno() => Assert.Equal(-4095, ErrPtr<Obj>.Error(-4095).PtrErr);

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-4096)]
    public void Error_OutsideMinus4095ToMinus1_Throws(int errno) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrPtr<Obj>.Error(errno));

    [Fact]
    public void Of_Object_IsValidPointer()
    {
        var o = new Obj();
        ErrPtr<Obj> p = ErrPtr<Obj>.Of(o);
        Assert.False(p.IsErr);
        Assert.False(p.IsErrOrNull);
        Assert.Equal(0, p.PtrErr);
        Assert.Same(o, p.Value);
    }

    [Fact]
    public void ImplicitConversion_WrapsObject()
    {
        var o = new Obj();
        ErrPtr<Obj> p = o;
        Assert.Same(o, p.Value);
        Assert.False(p.IsErr);
    }

    [Fact]
    public void Null_IsNullButNotError()
    {
        ErrPtr<Obj> p = ErrPtr<Obj>.Null;
        Assert.False(p.IsErr);
        Assert.True(p.IsErrOrNull);
        Assert.Equal(0, p.PtrErr);
        Assert.Null(p.Value);
    }

    [Fact]
    public void Of_Null_IsNullPointer()
    {
        ErrPtr<Obj> p = ErrPtr<Obj>.Of(null);
        Assert.False(p.IsErr);
        Assert.True(p.IsErrOrNull);
    }

    [Fact]
    public void ToString_OfError_NamesErrno() => Assert.Equal("ERR_PTR(-ENOMEM (-12))", ErrPtr<Obj>.Error(-Errno.ENOMEM).ToString());

    [Fact]
    public void ToString_OfNull_IsNULL() => Assert.Equal("NULL", ErrPtr<Obj>.Null.ToString());

    [Fact]
    public void ToString_OfObject_IsObjectString() => Assert.Equal("obj", ErrPtr<Obj>.Of(new Obj()).ToString());
}
