"""`flask --app tracker publish SYMBOL [--undo]` and `unpublish SYMBOL`: the public programme page."""

from __future__ import annotations

import click

from tracker.core.errors import DomainError


def _document(symbol: str):
    from tracker.documents.operations import find_by_symbol

    document = find_by_symbol(symbol)
    if document is None:
        raise DomainError(f"Không có văn bản «{symbol}».")
    return document


def _set(symbol: str, published: bool) -> None:
    from tracker.core.urls import absolute_url
    from tracker.documents.operations import set_published

    document = _document(symbol)
    changed = set_published(None, document, published)
    if published:
        click.echo(
            (
                f"Đã công khai văn bản {document.symbol}: "
                if changed
                else f"Văn bản {document.symbol} đã được công khai: "
            )
            + absolute_url(f"/cong-khai/{document.id}")
        )
    else:
        click.echo(
            f"Đã thôi công khai văn bản {document.symbol}."
            if changed
            else f"Văn bản {document.symbol} chưa được công khai."
        )


@click.command("publish")
@click.argument("symbol")
@click.option("--undo", is_flag=True, help="Withdraw the document from the public page.")
def publish_command(symbol, undo):
    """Publish the document SYMBOL on the public programme page /cong-khai/ (audited)."""
    _set(symbol, not undo)


@click.command("unpublish")
@click.argument("symbol")
def unpublish_command(symbol):
    """Withdraw the document SYMBOL from the public programme page (audited)."""
    _set(symbol, False)
