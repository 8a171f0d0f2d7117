"""The store on AWS: DynamoDB through ask-sdk-dynamodb-persistence-adapter.

ask_sdk_dynamodb.adapter builds a boto3 resource as a default argument when it is
imported, so it is imported, and our own resource created, only on first use
(never at import, never per request). Reads and deletes are the library's own;
saves are a conditional UpdateItem that SETs only the changed fields and adds
to the count inside DynamoDB, because the library's put_item replaces the whole
item and two concurrent saves would lose an update.
"""
from __future__ import annotations

import threading

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException

from . import record as rec

# The table's partition key: one item per Alexa user id (serverless.yml defines the same).
PARTITION_KEY = "id"

# Alexa waits 8 s for an answer: a slow or unreachable table must fail fast, not hang the practice.
CONNECT_TIMEOUT_SECONDS = 1
READ_TIMEOUT_SECONDS = 2
MAX_ATTEMPTS = 2
# Upgrading an old record and retrying the update: more than this means something is wrong.
MAX_UPGRADE_ATTEMPTS = 3


class DynamoDbStore(AbstractPersistenceAdapter):
    def __init__(self, table_name: str, endpoint_url: str | None = None, region_name: str | None = None):
        if not table_name:
            raise ValueError("DYNAMODB_TABLE must name the table when STORE is dynamodb")
        self.table_name = table_name
        self.endpoint_url = endpoint_url
        self.region_name = region_name
        self._adapter = None
        self._lock = threading.Lock()

    @property
    def adapter(self):
        """The library's adapter, with its boto3 resource, made on first use."""
        if self._adapter is None:
            with self._lock:
                if self._adapter is None:
                    import boto3
                    from botocore.config import Config
                    from ask_sdk_dynamodb.adapter import DynamoDbAdapter

                    resource = boto3.resource(
                        "dynamodb", endpoint_url=self.endpoint_url, region_name=self.region_name,
                        config=Config(connect_timeout=CONNECT_TIMEOUT_SECONDS, read_timeout=READ_TIMEOUT_SECONDS,
                                      retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"}))
                    self._adapter = DynamoDbAdapter(table_name=self.table_name, partition_key_name=PARTITION_KEY,
                                                    dynamodb_resource=resource)
        return self._adapter

    def get_attributes(self, request_envelope) -> dict:
        return rec.read(self.adapter.get_attributes(request_envelope))

    def delete_attributes(self, request_envelope) -> None:
        self.adapter.delete_attributes(request_envelope)

    def save_attributes(self, request_envelope, attributes) -> None:
        fields, add, may_create = rec.changes(attributes)
        if not fields and not add:
            return
        adapter = self.adapter
        table = adapter.dynamodb.Table(self.table_name)
        key = {adapter.partition_key_name: adapter.partition_keygen(request_envelope)}
        names = {"#a": adapter.attribute_name, "#count": rec.PRACTICE_COUNT, "#version": rec.VERSION}
        try:
            if may_create:
                # Make sure the item and its attribute map exist; harmless if they already do.
                table.update_item(Key=key, UpdateExpression="SET #a = if_not_exists(#a, :empty)",
                                  ExpressionAttributeNames={"#a": adapter.attribute_name},
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
            raise PersistenceException("dynamodb store: record kept changing while being upgraded")
        except PersistenceException:
            raise
        except Exception as error:  # noqa: BLE001 - any boto/botocore failure is a store failure
            raise PersistenceException(f"dynamodb store failed: {type(error).__name__}") from None

    def _upgrade_in_place(self, table, key) -> bool:
        """Rewrite an older record in the current layout; False when there is no record to update.

        The rewrite is conditional on the record still being old, so it cannot overwrite a
        concurrent update; whoever loses simply retries the update on the upgraded record.
        """
        attribute = self.adapter.attribute_name
        item = table.get_item(Key=key, ConsistentRead=True).get("Item")
        if not item or not isinstance(item.get(attribute), dict):
            return False
        stored_version = rec.whole_number(item[attribute].get(rec.VERSION, 0))
        if not isinstance(stored_version, int) or stored_version > rec.RECORD_VERSION:
            return False  # written by newer code (or unreadable): not ours to change
        upgraded = rec.read(item[attribute]) or {}
        upgraded.setdefault(rec.PRACTICE_COUNT, 0)
        upgraded[rec.VERSION] = rec.RECORD_VERSION
        try:
            table.put_item(Item={**key, attribute: upgraded},
                           ConditionExpression="attribute_not_exists(#a.#version) OR #a.#version < :version",
                           ExpressionAttributeNames={"#a": attribute, "#version": rec.VERSION},
                           ExpressionAttributeValues={":version": rec.RECORD_VERSION})
        except Exception as error:  # noqa: BLE001
            if not _is_condition_failure(error):
                raise
        return True


def _is_condition_failure(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    return response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"
