"""The public programme page (công khai): published documents, their task trees and figures, for
anyone, without login."""
