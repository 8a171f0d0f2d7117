"""The store on AWS: one DynamoDB item per person, written with conditional UpdateItems.

boto3 is imported, and the table's resource created, only on first use (never at
import, never per request). Writes SET only the fields they name and add to the
count inside DynamoDB, so two concurrent writes cannot lose an update; reads are
consistent, so a practice never reads back less than was just written.
"""
from __future__ import annotations

import datetime as dt
import threading

from . import StoreError
from . import record as rec
from .record import Kept

# The table's partition key: one item per Alexa user id (serverless.yml defines the same).
PARTITION_KEY = "id"
# The map inside the item that holds the record (the layout ask-sdk's DynamoDB adapter used,
# so tables written by earlier versions read as before).
RECORD_ATTRIBUTE = "attributes"

# Alexa waits 8 s for an answer: a slow or unreachable table must fail fast, not hang the practice.
CONNECT_TIMEOUT_SECONDS = 1
READ_TIMEOUT_SECONDS = 2
MAX_ATTEMPTS = 2
# Upgrading an old record and retrying the update: more than this means something is wrong.
MAX_UPGRADE_ATTEMPTS = 3


class DynamoDbStore:
    """The MemoryStore over a DynamoDB table (see record.py for what a write means)."""

    def __init__(self, table_name: str, endpoint_url: str | None = None, region_name: str | None = None):
        if not table_name:
            raise ValueError("DYNAMODB_TABLE must name the table when STORE is dynamodb")
        self.table_name = table_name
        self.endpoint_url = endpoint_url
        self.region_name = region_name
        self._table = None
        self._lock = threading.Lock()

    @property
    def table(self):
        """The boto3 Table, made on first use (its client is thread-safe and reused by every request)."""
        if self._table is None:
            with self._lock:
                if self._table is None:
                    import boto3
                    from botocore.config import Config

                    resource = boto3.resource(
                        "dynamodb", endpoint_url=self.endpoint_url, region_name=self.region_name,
                        config=Config(connect_timeout=CONNECT_TIMEOUT_SECONDS, read_timeout=READ_TIMEOUT_SECONDS,
                                      retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"}))
                    self._table = resource.Table(self.table_name)
        return self._table

    # --- the MemoryStore ---------------------------------------------------------------

    def recall(self, user_id: str) -> Kept | None:
        item = _failing_as_store_error(
            lambda: self.table.get_item(Key=_key(user_id), ConsistentRead=True).get("Item"))
        return rec.read((item or {}).get(RECORD_ATTRIBUTE))

    def remember(self, user_id: str, presence_id: str, presence_name: str, rest: str | None,
                 bell: bool | None) -> None:
        fields = rec.to_remember(presence_id, presence_name, rest, bell)
        _failing_as_store_error(lambda: self._write(user_id, fields, add=0, may_create=True))

    def update(self, user_id: str, *, rest: str | None = None, bell: bool | None = None) -> None:
        fields = rec.to_set(rest=rest, bell=bell)
        _failing_as_store_error(lambda: self._write(user_id, fields, add=0, may_create=False))

    def count_practice(self, user_id: str, day: dt.date) -> None:
        fields = rec.practice_on(day)
        _failing_as_store_error(lambda: self._write(user_id, fields, add=1, may_create=False))

    def forget(self, user_id: str) -> None:
        _failing_as_store_error(lambda: self.table.delete_item(Key=_key(user_id)))

    def _write(self, user_id: str, fields: dict, add: int, may_create: bool) -> None:
        if not fields and not add:
            return
        table, key = self.table, _key(user_id)
        names = {"#a": RECORD_ATTRIBUTE, "#count": rec.PRACTICE_COUNT, "#version": rec.VERSION}
        if may_create:
            # Make sure the item and its record exist; harmless if they already do.
            table.update_item(Key=key, UpdateExpression="SET #a = if_not_exists(#a, :empty)",
                              ExpressionAttributeNames={"#a": RECORD_ATTRIBUTE},
                              ExpressionAttributeValues={":empty": {rec.PRACTICE_COUNT: 0,
                                                                    rec.VERSION: rec.RECORD_VERSION}})
        sets = ["#a.#count = if_not_exists(#a.#count, :zero) + :add"]
        values = {":zero": 0, ":add": add, ":version": rec.RECORD_VERSION}
        for index, (field, value) in enumerate(fields.items()):
            names[f"#f{index}"] = field
            values[f":v{index}"] = value
            sets.append(f"#a.#f{index} = :v{index}")
        for _ in range(MAX_UPGRADE_ATTEMPTS):
            try:
                # Only on a record of the current version: an older one is upgraded first (below).
                table.update_item(Key=key, UpdateExpression="SET " + ", ".join(sets),
                                  ConditionExpression="attribute_exists(#a) AND #a.#version = :version",
                                  ExpressionAttributeNames=names, ExpressionAttributeValues=values)
                return
            except Exception as error:  # noqa: BLE001
                if not _is_condition_failure(error):
                    raise
                if not self._upgrade_in_place(table, key):
                    return  # no record (never consented, or just forgotten): nothing to update
        raise StoreError("dynamodb store: record kept changing while being upgraded")

    def _upgrade_in_place(self, table, key) -> bool:
        """Rewrite an older record in the current layout; False when there is no record to update.

        The rewrite is conditional on the record still being old, so it cannot overwrite a
        concurrent update; whoever loses simply retries the update on the upgraded record.
        """
        item = table.get_item(Key=key, ConsistentRead=True).get("Item")
        if not item or not isinstance(item.get(RECORD_ATTRIBUTE), dict):
            return False
        stored_version = rec.whole_number(item[RECORD_ATTRIBUTE].get(rec.VERSION, 0))
        if not isinstance(stored_version, int) or stored_version > rec.RECORD_VERSION:
            return False  # written by newer code (or unreadable): not ours to change
        upgraded = rec.clean(item[RECORD_ATTRIBUTE])
        upgraded.setdefault(rec.PRACTICE_COUNT, 0)
        upgraded[rec.VERSION] = rec.RECORD_VERSION
        try:
            table.put_item(Item={**key, RECORD_ATTRIBUTE: upgraded},
                           ConditionExpression="attribute_not_exists(#a.#version) OR #a.#version < :version",
                           ExpressionAttributeNames={"#a": RECORD_ATTRIBUTE, "#version": rec.VERSION},
                           ExpressionAttributeValues={":version": rec.RECORD_VERSION})
        except Exception as error:  # noqa: BLE001
            if not _is_condition_failure(error):
                raise
        return True


def _is_condition_failure(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    return response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


def _key(user_id: str) -> dict:
    return {PARTITION_KEY: user_id}


def _failing_as_store_error(work):
    """Run `work`; any boto or botocore failure becomes a StoreError naming only its type."""
    try:
        return work()
    except StoreError:
        raise
    except Exception as error:  # noqa: BLE001 - their messages can quote keys and values
        raise StoreError(f"dynamodb store failed: {type(error).__name__}") from None
