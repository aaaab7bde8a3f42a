"""Cursor paging shared by every list endpoint: newest first, at most ``MAX_PAGE_SIZE`` items a page."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from typing import Any, Generic, TypeVar

import pymongo
from beanie import Document

from bson import ObjectId
from bson.errors import InvalidId
from pydantic import BaseModel

from backend.errors import ValidationFailed

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50

T = TypeVar("T")


class PageParams(BaseModel):
    limit: int = DEFAULT_PAGE_SIZE
    cursor: str | None = None

    def cursor_filter(self) -> dict:
        """The query part that starts the page after the cursor (ids decrease down the list)."""
        if not self.cursor:
            return {}
        try:
            return {"_id": {"$lt": ObjectId(self.cursor)}}
        except InvalidId:
            raise ValidationFailed.for_field("cursor", "invalid_cursor", "The cursor is not one this API gave out.")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


async def paginate(model: type[Document], query: dict[str, Any], paging: PageParams) -> Page:
    """One page of ``model`` documents matching ``query``, newest first."""
    filters = {**query, **paging.cursor_filter()}
    docs = await model.find(filters).sort([("_id", pymongo.DESCENDING)]).limit(paging.limit + 1).to_list()
    has_more = len(docs) > paging.limit
    docs = docs[: paging.limit]
    return Page(items=docs, next_cursor=str(docs[-1].id) if has_more and docs else None)


def provide_page_params(
    limit: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE, description="Items per page.")] = DEFAULT_PAGE_SIZE,
    cursor: Annotated[str | None, QueryParameter(max_length=64, description="`next_cursor` of the previous page.")] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)
